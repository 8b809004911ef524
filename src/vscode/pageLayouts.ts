import { layoutScript, relayout, type Layout, type LayoutOptions } from '../print';
import type { FountainDocument } from '../fountain';

/**
 * The printed pages of each parsed document, computed when first asked for and at most once per
 * document version. After one edit it lays out again only from the edited page on
 * (`FountainDocument.lastChange`); after several, or new options, from the start.
 */
export class PageLayouts {
  private readonly cache = new WeakMap<FountainDocument, { version: number; key: string; layout: Layout }>();

  constructor(private readonly options: () => LayoutOptions) {}

  layoutFor(model: FountainDocument): Layout {
    const options = this.options();
    const key = JSON.stringify(options);
    const hit = this.cache.get(model);
    if (hit && hit.version === model.version && hit.key === key) return hit.layout;
    const change = model.lastChange;
    const layout =
      hit && hit.key === key && change && change.version === model.version && hit.version === model.version - 1
        ? relayout(hit.layout, model, change, options)
        : layoutScript(model, options);
    this.cache.set(model, { version: model.version, key, layout });
    return layout;
  }
}
