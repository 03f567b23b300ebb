/*
 * bench/models/spin.go in Promela, for SPIN 6.5.2 (bench/spin.ts builds and runs it):
 * N goroutines, each taking a Mutex, writing the map and unlocking K times, and main waiting
 * for them on a WaitGroup. The Mutex is a bit taken by an atomic test-and-set, the map an
 * array with one cell per key the program writes, the WaitGroup a counter.
 *
 * main starts the workers in one atomic step: with partial-order reduction this model then has
 * 7,304 states for N=4, K=3, the "about 7,300" issue #5 quotes; started one at a time, it has
 * 15,968. (For N=5 it has 44,930 states, not the 36,000 the issue quotes; no variant tried
 * gave both figures.)
 */
#ifndef N
#define N 4
#endif
#ifndef K
#define K 3
#endif

bit mu;
byte m[N * K];
byte wg;

proctype worker(byte id) {
  byte i;
  do
  :: i < K ->
     atomic { mu == 0 -> mu = 1 };  /* mu.Lock() */
     m[id * K + i] = i;              /* m[id*K+i] = i */
     mu = 0;                         /* mu.Unlock() */
     i++
  :: else -> break
  od;
  wg--                               /* wg.Done() */
}

init {
  byte i;
  atomic {
    do
    :: i < N -> wg++; run worker(i); i++  /* wg.Add(1); go worker(i, &wg) */
    :: else -> break
    od
  };
  wg == 0                            /* wg.Wait() */
}
