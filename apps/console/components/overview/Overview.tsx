"use client";
import { PageHeader } from "../PageHeader";
import { BrokersCard } from "./BrokersCard";
import { ClusterStats } from "./ClusterStats";
import { ThroughputCard } from "./ThroughputCard";

/** The cluster at a glance: headline figures, live throughput, brokers. */
export function Overview() {
  return (
    <>
      <PageHeader title="Overview" />
      <ClusterStats />
      <ThroughputCard />
      <BrokersCard />
    </>
  );
}
