package io.k2.ingest.local.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What one measured interval cost this JVM and the machine: heap and RSS peaks, CPU and GC time,
 * and how busy everything else was. The embedded servers and the functions share this JVM, so every
 * figure covers all of them (and Maven, under {@code exec:java}).
 */
final class ResourceProbe {

  /** Linux reports /proc/stat in USER_HZ ticks, which is 100 on every common architecture. */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  /**
   * One interval's figures.
   *
   * @param heapBaselineBytes heap in use right after the full collection that starts the interval:
   *     the servers', Maven's and the idle functions' live data
   * @param heapPeakBytes the sum of every heap pool's peak: an upper bound, the pools peak apart
   * @param heapAfterGcMaxBytes the largest heap occupancy right after a collection during the
   *     interval, near its live set (old garbage not yet collected counts too); -1 if none ran
   * @param rssPeakBytes VmHWM; since the interval began if the kernel let us reset it
   * @param cpuSeconds CPU time of this process
   * @param otherCpuSeconds CPU time of everything else on the machine: the noise
   */
  record Sample(
      String loadAverage,
      long heapBaselineBytes,
      long heapPeakBytes,
      long heapAfterGcMaxBytes,
      long rssPeakBytes,
      boolean rssReset,
      double cpuSeconds,
      double otherCpuSeconds,
      double gcSeconds) {}

  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .toList();
  private final Set<String> heapPoolNames =
      heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong heapAfterGcMax = new AtomicLong();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private String loadAtStart;
  private long heapBaseline;
  private boolean rssReset;
  private long cpuAtStart;
  private long machineTicksAtStart;
  private long gcMillisAtStart;

  ResourceProbe() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  afterGc((CompositeData) notification.getUserData());
                }
              },
              null,
              null);
    }
  }

  /** Starts an interval: collects garbage so that each begins alike, then resets every peak. */
  void start() {
    System.gc();
    heapBaseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    loadAtStart = loadAverage();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    heapAfterGcMax.set(-1);
    rssReset = resetRssPeak();
    cpuAtStart = os.getProcessCpuTime();
    machineTicksAtStart = machineBusyTicks();
    gcMillisAtStart = gcMillis();
  }

  /** Ends the interval begun by {@link #start()}. */
  Sample stop() {
    double cpu = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
    double machine = (machineBusyTicks() - machineTicksAtStart) / TICKS_PER_SECOND;
    long heapPeak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new Sample(
        loadAtStart,
        heapBaseline,
        heapPeak,
        heapAfterGcMax.get(),
        rssPeakBytes(),
        rssReset,
        cpu,
        Math.max(0, machine - cpu),
        (gcMillis() - gcMillisAtStart) / 1000.0);
  }

  /** The first three fields of /proc/loadavg: 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** The process's peak resident set (VmHWM), in bytes; -1 where /proc is missing. */
  static long rssPeakBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      // Not Linux: no RSS figure.
    }
    return -1;
  }

  private void afterGc(CompositeData data) {
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
    // Notifications arrive late: the collection start() asks for may land inside the interval.
    if ("System.gc()".equals(info.getGcCause())) {
      return;
    }
    Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
    long heap =
        after.entrySet().stream()
            .filter(e -> heapPoolNames.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed())
            .sum();
    heapAfterGcMax.accumulateAndGet(heap, Math::max);
  }

  /** Writing 5 to clear_refs resets VmHWM (Linux 4.0+); false where that is not allowed. */
  private static boolean resetRssPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Busy CPU ticks of the whole machine, counted as the peers' run-bench.sh counts them. */
  private static long machineBusyTicks() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
      return Long.parseLong(f[1])
          + Long.parseLong(f[2])
          + Long.parseLong(f[3])
          + Long.parseLong(f[6])
          + Long.parseLong(f[7])
          + Long.parseLong(f[8]);
    } catch (IOException e) {
      return 0; // no /proc/stat: other_cpu_s reads as this process's own CPU, i.e. 0
    }
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }
}
