// What the benchmarks measure besides their own counts: this thread's CPU time, which
// other load on the machine disturbs less than wall time, and the process's peak memory.
#pragma once

#include <sys/resource.h>

#include <ctime>

namespace kczg::bench {

inline double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// The process's peak resident set (getrusage), in MB.
inline double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

}  // namespace kczg::bench
