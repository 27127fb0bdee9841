/** Groups per-partition results by topic, keeping the order in which topics first appear (responses mirror requests). */
export function groupByTopic<T extends { topic: string }, R>(items: readonly T[], map: (item: T) => R): { name: string; partitions: R[] }[] {
  const byTopic = new Map<string, R[]>();
  for (const item of items) {
    let list = byTopic.get(item.topic);
    if (!list) byTopic.set(item.topic, (list = []));
    list.push(map(item));
  }
  return [...byTopic].map(([name, partitions]) => ({ name, partitions }));
}
