"use client";
import { GroupsList } from "@/components/groups/GroupsList";

export default function GroupsPage() {
  return <GroupsList />;
}
