/**
 * What a writer does to fix each kind of failure, in the words of the place the model is used
 * from: the editor names its commands and settings, the CLI its flags and environment variables.
 * Error messages are built in this layer, which knows neither, so the host hands its own in.
 */
export interface Remedies {
  /** After "rejected the API key" / "needs an API key". */
  setKey: string;
  /** After "has no model X". */
  pickModel: string;
  /** After "sent nothing for N s". */
  raiseTimeout: string;
  /** After "stopped at its token limit". */
  raiseMaxTokens: string;
  /** After "passed the N-character limit". */
  raiseAnswerLimit: string;
  /** When a provider has no default address. */
  setBaseUrl: string;
  /** Where the endpoint's address is set, named in "could not reach … Check X". */
  baseUrlSetting: string;
}

export const EDITOR_REMEDIES: Remedies = {
  setKey: 'Run "Dramaturge: Set API Key" to store a valid key.',
  pickModel: 'Run "Dramaturge: Select Model" to pick one it offers, or check that the base URL ends in /v1.',
  raiseTimeout: 'raise "dramaturge.model.requestTimeout"',
  raiseMaxTokens: 'raise "dramaturge.model.maxTokens" (or this level\'s override in "dramaturge.model.levels")',
  raiseAnswerLimit: 'raise "dramaturge.generation.maxAnswerChars"',
  setBaseUrl: 'run "Dramaturge: Set Endpoint URL…" (or Select Model → Endpoint URL…)',
  baseUrlSetting: 'dramaturge.model.baseUrl',
};
