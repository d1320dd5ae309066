import { isExcludedFromContext, parseDockerignore } from './dockerignore';

// Docker's own semantics, which differ from .gitignore's: patterns are anchored at the root.
describe('isExcludedFromContext', () => {
  it('should anchor a plain pattern at the context root', () => {
    const patterns = parseDockerignore('node_modules\n');
    expect(isExcludedFromContext(patterns, 'node_modules/x/index.js')).toBe(true);
    expect(isExcludedFromContext(patterns, 'apps/api/node_modules/x/index.js')).toBe(false);
  });

  it('should let **/ match at any depth, including the root', () => {
    const patterns = parseDockerignore('**/.env\n');
    expect(isExcludedFromContext(patterns, '.env')).toBe(true);
    expect(isExcludedFromContext(patterns, 'docker/.env')).toBe(true);
    expect(isExcludedFromContext(patterns, 'docker/.env.example')).toBe(false);
  });

  it('should not let * cross a folder boundary', () => {
    const patterns = parseDockerignore('apps/*.log\n');
    expect(isExcludedFromContext(patterns, 'apps/a.log')).toBe(true);
    expect(isExcludedFromContext(patterns, 'apps/api/a.log')).toBe(false);
  });

  it('should let the last matching line decide, so ! re-includes', () => {
    const patterns = parseDockerignore('# comment\n\n**/*.md\n!README.md\n');
    expect(isExcludedFromContext(patterns, 'README.md')).toBe(false);
    expect(isExcludedFromContext(patterns, 'docs/security.md')).toBe(true);
  });
});
