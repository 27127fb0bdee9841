"use client";
import { Suspense } from "react";
import { LoadingState } from "@/components/LoadingState";
import { TopicDetail } from "@/components/topic/TopicDetail";

export default function TopicPage() {
  return (
    <Suspense fallback={<LoadingState what="topic" />}>
      <TopicDetail />
    </Suspense>
  );
}
