"use client";
import { TopicsList } from "@/components/topics/TopicsList";

export default function TopicsPage() {
  return <TopicsList />;
}
