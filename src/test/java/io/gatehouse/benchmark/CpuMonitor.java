package io.gatehouse.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How much of the machine's CPU time went to processes other than this benchmark, its database
 * server and the application (all of them this JVM or its descendants), from /proc. Figures taken
 * while something else keeps the CPUs busy are not the application's own; the benchmark waits for
 * a quiet moment before each measurement, measures again when disturbed, and the report says so.
 */
final class CpuMonitor {

    /**
     * Run at a raised priority (a negative nice value), the benchmark is served before other
     * processes, so it neither waits for them nor measures again because of them.
     */
    static final boolean PRIORITIZED = Benchmark.niceness() < 0;

    /** Clock ticks: the machine's busy and total time, and the time of this process tree. */
    record Sample(long busy, long total, long ours) {
    }

    private CpuMonitor() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    static Sample sample() {
        if (!available()) {
            return new Sample(0, 0, 0);
        }
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal (guest time is already in user)
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long ours = ticks(ProcessHandle.current().pid());
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                ours += ticks(child.pid());
            }
            return new Sample(total - idle, total, ours);
        } catch (IOException | RuntimeException e) {
            return new Sample(0, 0, 0);
        }
    }

    /** Share of the whole machine (all CPUs) that other processes used between two samples, 0 to 1. */
    static double othersShare(Sample before, Sample after) {
        long total = after.total() - before.total();
        if (total <= 0) {
            return 0;
        }
        long others = (after.busy() - before.busy()) - (after.ours() - before.ours());
        return Math.max(0, Math.min(1, others / (double) total));
    }

    /** Share of the whole machine that this benchmark, its database server and the application used. */
    static double oursShare(Sample before, Sample after) {
        long total = after.total() - before.total();
        return total <= 0 ? 0 : Math.max(0, Math.min(1, (after.ours() - before.ours()) / (double) total));
    }

    /**
     * Whether other processes can have slowed a run down: they used more than a tenth of the
     * machine while it was busy. On a machine with a CPU to spare they only took what nobody here wanted.
     */
    static boolean disturbed(Sample before, Sample after) {
        if (PRIORITIZED) {
            return false;
        }
        double others = othersShare(before, after);
        return others > 0.10 && others + oursShare(before, after) > 0.90;
    }

    /**
     * Waits, up to {@code patience}, for a second in which other processes use less than
     * {@code threshold} of the machine; returns the share seen last.
     */
    static double awaitQuiet(double threshold, Duration patience) throws InterruptedException {
        if (PRIORITIZED) {
            return 0;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        double share;
        boolean told = false;
        while (true) {
            Sample before = sample();
            Thread.sleep(1_000);
            share = othersShare(before, sample());
            if (share < threshold || System.nanoTime() > deadline) {
                return share;
            }
            if (!told) {
                System.out.printf("[benchmark]   other processes use %.0f %% of the CPUs; waiting up to %d s for them%n",
                        share * 100, patience.toSeconds());
                told = true;
            }
        }
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
