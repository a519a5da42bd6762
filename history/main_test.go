package history

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// childEnv selects a child-process role when the test binary re-executes
// itself; childRoles maps each role to the function that plays it.
const (
	childEnv     = "ZOOMPOSE_HISTORY_TEST_CHILD"
	childPathEnv = "ZOOMPOSE_HISTORY_TEST_PATH"
)

var childRoles = map[string]func() int{
	"hold": holdLock,
}

// afterAll runs once the tests and benchmarks are done (removes the shared
// benchmark fixture).
var afterAll []func()

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		play, ok := childRoles[role]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown child role %q\n", role)
			os.Exit(2)
		}
		os.Exit(play())
	}
	code := m.Run()
	for _, f := range afterAll {
		f()
	}
	os.Exit(code)
}

// holdLock opens the history, says HOLDING and keeps it open until the
// parent kills it (or, should the parent die first, for at most 30 s).
func holdLock() int {
	s, err := Open(os.Getenv(childPathEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("HOLDING")
	time.Sleep(30 * time.Second)
	_ = s.Close()
	return 0
}

// startChild re-executes the test binary in the given role with extra
// environment, returning the command and a scanner over its stdout.
func startChild(t testing.TB, role string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + role}, env...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("could not start the child process: %v", err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("child %s stderr:\n%s", role, stderr.String())
		}
	})
	return cmd, bufio.NewScanner(stdout)
}
