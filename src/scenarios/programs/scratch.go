package main

import (
	"fmt"
	"sync"
)

// Your own program: change anything, and press Play.
// Interleave runs a subset of Go: goroutines, sync.Mutex, sync.RWMutex, sync.WaitGroup,
// sync.Once, sync.Cond, sync.Map, sync/atomic, maps, slices, arrays, structs, methods,
// closures, defer, panic and recover, type switches, time.Sleep, context, fmt, log, strings,
// sort, strconv, math/rand. Not channels (yet).

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[key]++
}

func main() {
	c := &Counter{n: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Add("hits")
		}()
	}
	wg.Wait()
	fmt.Println(c.n["hits"], "hits")
}
