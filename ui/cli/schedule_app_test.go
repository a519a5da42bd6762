package cli

import (
	"testing"
	"time"

	"github.com/zoompose/zoompose/ops"
)

// The app gets schedule_max_late as a duration; the sandbox's configuration,
// which is not loaded from the settings, gets the default rather than a
// refusal to start.
func TestScheduleMaxLateForTheApp(t *testing.T) {
	for value, want := range map[string]time.Duration{"": ops.DefaultMaxLate, "90m": 90 * time.Minute, "0s": 0} {
		got, err := Config{ScheduleMaxLate: value}.scheduleMaxLate()
		if err != nil || got != want {
			t.Errorf("schedule_max_late %q = %v, %v; want %v", value, got, err, want)
		}
	}
	if _, err := (Config{ScheduleMaxLate: "soon", origins: map[string]string{}}).scheduleMaxLate(); err == nil {
		t.Error("schedule_max_late \"soon\" was taken")
	}
	cfg, cleanup, err := StartSandbox()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if got, err := cfg.scheduleMaxLate(); err != nil || got != ops.DefaultMaxLate {
		t.Errorf("the sandbox's schedule_max_late = %v, %v; want the default", got, err)
	}
}
