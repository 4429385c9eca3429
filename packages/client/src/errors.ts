/**
 * Thrown by `createVpcepClient` when an option is missing or invalid. `option` names the
 * offending option; the message states the rule. Secret values are never quoted.
 */
export class VpcepConfigError extends Error {
  override readonly name = "VpcepConfigError";
  readonly option: string;

  constructor(option: string, rule: string) {
    super(`Invalid VPCEP client option "${option}": ${rule}`);
    this.option = option;
  }
}
