/** Plot structures the beats level can follow; the writer may also give a custom list. */
export const PLOT_STRUCTURES: Readonly<Record<string, readonly string[]>> = {
  // Dramatron's default: Freytag's pyramid in nine beats.
  freytag: ['Exposition', 'Inciting Incident', 'Rising Action', 'Dilemma', 'Climax', 'Falling Action', 'Resolution', 'Dénouement', 'Final Image'],
  'heros-journey': ['Ordinary World', 'Call to Adventure', 'Refusal of the Call', 'Meeting the Mentor', 'Crossing the Threshold', 'Tests, Allies, Enemies', 'Approach', 'Ordeal', 'Reward', 'The Road Back', 'Resurrection', 'Return with the Elixir'],
  'save-the-cat': ['Opening Image', 'Theme Stated', 'Set-Up', 'Catalyst', 'Debate', 'Break into Two', 'B Story', 'Fun and Games', 'Midpoint', 'Bad Guys Close In', 'All Is Lost', 'Dark Night of the Soul', 'Break into Three', 'Finale', 'Final Image'],
  'three-acts': ['Act One', 'Act Two', 'Act Three'],
};

export type PlotStructureName = keyof typeof PLOT_STRUCTURES;

/** A named structure, or a comma-separated custom list (`Setup, Twist, Payoff`). */
export function resolveStructure(nameOrList: string | undefined): string[] {
  const key = (nameOrList ?? 'freytag').trim().toLowerCase();
  const named = PLOT_STRUCTURES[key];
  if (named) return [...named];
  const custom = (nameOrList ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (custom.length === 0) throw new Error(`Unknown plot structure "${nameOrList}". Use ${Object.keys(PLOT_STRUCTURES).join(', ')} or a comma-separated list.`);
  return custom;
}
