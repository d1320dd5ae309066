import { type AnyRecord, asString } from './bundle-values';
import { type PageView, type PlacedNode } from './page-view';
import { type TreeNode, walkTree } from './page-tree';
import { type TempFiles } from './temp-files';
import { type SimulatedWechatUser, simulatedWechat } from './wechat-client';

/** What WeChat's phone-number sheet hands back: the user's approval, or a failure. */
export type PhoneSheetOutcome =
  | { kind: 'approve'; use: 'code' | 'encryptedData' }
  | { kind: 'proof'; detail: Record<string, unknown> }
  | { kind: 'fail'; errMsg: string; errno?: number };

/**
 * What WeChat's native components do themselves when the user acts on them: inputs keep what is
 * typed, buttons open the phone sheet or the avatar chooser or submit their form, and checkboxes
 * toggle.
 */
export class NativeComponents {
  private readonly inputValues = new Map<string, string>();
  private readonly checkboxStates = new Map<string, boolean>();
  private phoneSheet: PhoneSheetOutcome = { kind: 'approve', use: 'code' };

  constructor(
    private readonly view: PageView,
    private readonly tempFiles: TempFiles,
    private readonly wechat: SimulatedWechatUser,
  ) {}

  setPhoneSheet(outcome: PhoneSheetOutcome): void {
    this.phoneSheet = outcome;
  }

  /** Types `value` into `input`: it fires `input`, then `blur`. */
  type(input: TreeNode, value: string): void {
    this.inputValues.set(this.view.idOf(input), value);
    this.view.dispatch(input, 'input', { value, cursor: value.length, keyCode: 0 });
    this.view.dispatch(input, 'blur', { value });
  }

  /** After a tap on a button has bubbled: what its open-type or form-type does. */
  async actOnButton({ node, ancestors }: PlacedNode): Promise<void> {
    const openType = this.view.attribute(node, 'open-type');
    const formType = this.view.attribute(node, 'form-type');
    if (typeof openType === 'string' && openType.split('|').includes('getPhoneNumber')) {
      if (openType.includes('agreePrivacyAuthorization')) {
        this.view.dispatch(node, 'agreeprivacyauthorization', {
          errMsg: 'agreePrivacyAuthorization:ok',
        });
      }
      this.view.dispatch(node, 'getphonenumber', await this.phoneSheetDetail());
    } else if (openType === 'chooseAvatar') {
      this.view.dispatch(node, 'chooseavatar', { avatarUrl: await this.tempFiles.createImage() });
    } else if (formType === 'submit') {
      const form = ancestors.find((ancestor) => this.view.templateOf(ancestor).tag === 'form');
      if (!form) throw new Error('a submit button outside a form');
      this.view.dispatch(form, 'submit', { value: this.formValues(form) });
    }
  }

  /** A tap on a checkbox, or anywhere in a label holding one, toggles it (WeChat's native UI). */
  toggleCheckbox({ node, ancestors }: PlacedNode): void {
    const label = [node, ...ancestors].find((each) => this.view.templateOf(each).tag === 'label');
    const checkbox =
      this.view.templateOf(node).tag === 'checkbox'
        ? { node, ancestors }
        : label &&
          [...walkTree(label)].find((each) => this.view.templateOf(each.node).tag === 'checkbox');
    if (!checkbox) return;
    const id = this.view.idOf(checkbox.node);
    const checked = this.checkboxStates.get(id) ?? this.isChecked(checkbox.node);
    this.checkboxStates.set(id, !checked);
    const trail = label && checkbox.node !== node ? [...checkbox.ancestors] : ancestors;
    const group = [...trail, ...ancestors].find(
      (each) => this.view.templateOf(each).tag === 'checkbox-group',
    );
    if (!group) return;
    const value = [...walkTree(group)]
      .filter(({ node: each }) => this.view.templateOf(each).tag === 'checkbox')
      .filter(
        ({ node: each }) => this.checkboxStates.get(this.view.idOf(each)) ?? this.isChecked(each),
      )
      .map(({ node: each }) => asString(this.view.attribute(each, 'value')));
    this.view.dispatch(group, 'change', { value });
  }

  /** Whether a checkbox the user has not toggled is checked, as the page renders it. */
  private isChecked(checkbox: TreeNode): boolean {
    return this.view.attribute(checkbox, 'checked') === true;
  }

  private async phoneSheetDetail(): Promise<AnyRecord> {
    const outcome = this.phoneSheet;
    if (outcome.kind === 'proof') return outcome.detail;
    if (outcome.kind === 'fail') {
      return outcome.errno === undefined
        ? { errMsg: outcome.errMsg }
        : { errMsg: outcome.errMsg, errno: outcome.errno };
    }
    const proof = await simulatedWechat.phone(this.wechat);
    return outcome.use === 'code'
      ? { errMsg: 'getPhoneNumber:ok', code: proof.code }
      : { errMsg: 'getPhoneNumber:ok', encryptedData: proof.encryptedData, iv: proof.iv };
  }

  /** The values a form submits: each named input's typed text, else the value it shows. */
  private formValues(form: TreeNode): Record<string, string> {
    const values: Record<string, string> = {};
    for (const { node } of walkTree(form)) {
      if (this.view.templateOf(node).tag !== 'input') continue;
      const name = this.view.attribute(node, 'name');
      if (typeof name !== 'string' || !name) continue;
      const typed = this.inputValues.get(this.view.idOf(node));
      const shown = this.view.attribute(node, 'value');
      values[name] = typed ?? (typeof shown === 'string' ? shown : '');
    }
    return values;
  }
}
