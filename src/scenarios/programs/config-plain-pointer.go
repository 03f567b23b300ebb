package main

import (
	"fmt"
	"sync"
)

type Config struct {
	Workers int
	Name    string
}

// ❌ a plain pointer: one goroutine replaces the config while another reads it
var current = &Config{Workers: 1, Name: "small"}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		cfg := current // ❌ read, with nothing ordering it against the write
		_ = cfg.Workers
	}()
	go func() {
		defer wg.Done()
		current = &Config{Workers: 4, Name: "large"} // ❌ write
	}()
	wg.Wait()
	fmt.Println("config:", current.Name)
}
