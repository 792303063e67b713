// The yardstick's activity: does nothing, so what is measured is the engine's round trip.
export const noopActivities = {
  async noop(_step: number): Promise<void> {},
};
