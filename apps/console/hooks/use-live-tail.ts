"use client";
import { useEffect, useRef, useState } from "react";
import { fromWireRecord, type DisplayRecord, type WireRecord } from "@/lib/display-record";
import { LiveTail, type TailStatus } from "@/lib/live-tail";

export interface LiveTailState {
  status: TailStatus;
  statusMessage: string | undefined;
  /** The newest records first, at most `windowSize`. */
  records: DisplayRecord[];
  /** Records received since the tail started (including those that fell out of the window). */
  received: number;
  /** Records per second over the last few seconds. */
  rate: number;
  /** Records that arrived while paused and are not shown yet. */
  pending: number;
  clear: () => void;
}

const FLUSH_MS = 200;

/**
 * Tails a topic over the WebSocket. Incoming records are queued and rendered in batches every 200 ms into a
 * bounded window, so thousands of records per second cost a few renders per second; while paused the queue keeps
 * only the newest `windowSize` records.
 */
export function useLiveTail(topic: string, partition: number | null, paused: boolean, windowSize = 500): LiveTailState {
  const [status, setStatus] = useState<TailStatus>("connecting");
  const [statusMessage, setStatusMessage] = useState<string | undefined>();
  const [records, setRecords] = useState<DisplayRecord[]>([]);
  const [received, setReceived] = useState(0);
  const [rate, setRate] = useState(0);
  const [pending, setPending] = useState(0);
  const queue = useRef<WireRecord[]>([]);
  const total = useRef(0);
  const arrivals = useRef<{ at: number; n: number }[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    queue.current = [];
    setRecords([]);
    const tail = new LiveTail(
      { topic, ...(partition !== null && { partitions: [partition] }) },
      {
        onRecords: (batch) => {
          queue.current.push(...batch);
          if (queue.current.length > windowSize) queue.current.splice(0, queue.current.length - windowSize);
          total.current += batch.length;
          arrivals.current.push({ at: Date.now(), n: batch.length });
        },
        onStatus: (s, message) => {
          setStatus(s);
          setStatusMessage(message);
        },
      },
    );
    return () => tail.close();
  }, [topic, partition, windowSize]);

  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      arrivals.current = arrivals.current.filter((a) => now - a.at < 3000);
      setRate(arrivals.current.reduce((s, a) => s + a.n, 0) / 3);
      setReceived(total.current);
      if (pausedRef.current) {
        setPending(queue.current.length);
        return;
      }
      if (queue.current.length === 0) return;
      const batch = queue.current.splice(0).map(fromWireRecord).reverse();
      setPending(0);
      setRecords((current) => (batch.length >= windowSize ? batch.slice(0, windowSize) : [...batch, ...current].slice(0, windowSize)));
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, [windowSize]);

  return {
    status,
    statusMessage,
    records,
    received,
    rate,
    pending,
    clear: () => {
      queue.current = [];
      setRecords([]);
    },
  };
}
