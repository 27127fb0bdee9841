"use client";
import { Overview } from "@/components/overview/Overview";

export default function OverviewPage() {
  return <Overview />;
}
