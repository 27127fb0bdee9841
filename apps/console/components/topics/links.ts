/** Addresses of topic pages: query parameters, because a static export has no unknown path segments. */
export type TopicTab = "partitions" | "segments" | "configs" | "messages" | "produce" | "tail" | "consumers";

export function topicHref(name: string, tab?: TopicTab, extra?: Record<string, string>): string {
  const params = new URLSearchParams({ name, ...(tab ? { tab } : {}), ...extra });
  return `/topics/view/?${params}`;
}

export function groupHref(id: string): string {
  return `/groups/view/?${new URLSearchParams({ id })}`;
}
