/**
 * What an endpoint turned out not to support, learnt from its 400s, so later requests skip the
 * failed attempt. Shared per process: the same server gives the same answer to every model object.
 */
export class EndpointCapabilities {
  private readonly noJsonSchema = new Set<string>();
  private readonly noStreamUsage = new Set<string>();
  jsonSchema(baseUrl: string): boolean {
    return !this.noJsonSchema.has(baseUrl);
  }
  markNoJsonSchema(baseUrl: string): void {
    this.noJsonSchema.add(baseUrl);
  }
  streamUsage(baseUrl: string): boolean {
    return !this.noStreamUsage.has(baseUrl);
  }
  markNoStreamUsage(baseUrl: string): void {
    this.noStreamUsage.add(baseUrl);
  }
}
export const sharedCapabilities = new EndpointCapabilities();
