export {
  describeSyntaxTooNew,
  findFirstScriptBeyondEs2017,
  findSyntaxBeyondEs2017,
  listScripts,
  MINI_PROGRAM_ECMA_VERSION,
  type SyntaxTooNew,
} from './es2017';
