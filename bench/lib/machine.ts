import os from "node:os";

/** What the run happened on, and how busy the machine was (other work shares these cores). */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100) as [number, number, number],
  };
}

export type MachineInfo = ReturnType<typeof machineInfo>;
