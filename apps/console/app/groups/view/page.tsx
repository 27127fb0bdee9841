"use client";
import { Suspense } from "react";
import { LoadingState } from "@/components/LoadingState";
import { GroupDetail } from "@/components/groups/GroupDetail";

export default function GroupPage() {
  return (
    <Suspense fallback={<LoadingState what="consumer group" />}>
      <GroupDetail />
    </Suspense>
  );
}
