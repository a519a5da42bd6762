package ops

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// clock is a settable clock for Ops.Now, safe for the goroutines of a race.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock { c := &clock{}; c.set(t); return c }
func (c *clock) set(t time.Time)  { c.ns.Store(t.UnixNano()) }
func (c *clock) now() time.Time   { return time.Unix(0, c.ns.Load()) }

var scheduleStart = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)

// scheduled schedules a card with text to the general channel at due.
func scheduled(t *testing.T, o *Ops, text string, due time.Time) history.Scheduled {
	t.Helper()
	sc, err := o.Schedule(Envelope{ToJID: zoomtest.ChannelGeneral}, card(text), due)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestScheduledSendsFireCancelAndLateness(t *testing.T) {
	o, srv := setup(t)
	clk := newClock(scheduleStart)
	o.Now = clk.now
	onTime := scheduled(t, o, "maintenance at 08:00", scheduleStart.Add(time.Hour))
	cancelled := scheduled(t, o, "cancelled notice", scheduleStart.Add(time.Hour))
	dayLate := scheduled(t, o, "yesterday's notice", scheduleStart.Add(10*time.Minute))
	minutesLate := scheduled(t, o, "a few minutes late", scheduleStart.Add(30*time.Minute))
	later := scheduled(t, o, "tomorrow", scheduleStart.Add(48*time.Hour))
	if _, err := o.Store.CancelScheduled(cancelled.ID, clk.now()); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Schedule(Envelope{ToJID: zoomtest.ChannelGeneral}, card("past"), scheduleStart.Add(-time.Minute)); err == nil {
		t.Fatal("a due time in the past was scheduled")
	}

	// Nothing is due yet: nothing goes out.
	if fired, err := o.RunDue(context.Background(), DefaultMaxLate, nil); err != nil || len(fired) != 0 {
		t.Fatalf("RunDue before anything was due = %v, %v", fired, err)
	}
	if posts(srv) != 0 {
		t.Fatalf("%d sends before anything was due", posts(srv))
	}

	// The dayLate one was missed by a day (nothing ran); minutesLate by 35 minutes.
	clk.set(scheduleStart.Add(24*time.Hour + 10*time.Minute))
	if _, err := o.Store.Reschedule(onTime.ID, clk.now(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Store.Reschedule(minutesLate.ID, clk.now().Add(-35*time.Minute), nil); err != nil {
		t.Fatal(err)
	}
	var reported []Fired
	fired, err := o.RunDue(context.Background(), DefaultMaxLate, func(f Fired) { reported = append(reported, f) })
	if err != nil {
		t.Fatal(err)
	}
	if len(reported) != len(fired) {
		t.Fatalf("reported %d of %d outcomes", len(reported), len(fired))
	}
	outcomes := map[string]Fired{}
	for _, f := range fired {
		outcomes[f.Scheduled.ID] = f
	}
	if f := outcomes[dayLate.ID]; f.Outcome != FiredTooLate || f.Late != 24*time.Hour {
		t.Errorf("a send missed by a day: %s, %v late; want too-late, 24h", f.Outcome, f.Late)
	}
	if f := outcomes[minutesLate.ID]; f.Outcome != FiredSent || f.Late != 35*time.Minute {
		t.Errorf("a send missed by minutes: %s, %v late; want sent, 35m", f.Outcome, f.Late)
	}
	if f := outcomes[onTime.ID]; f.Outcome != FiredSent || f.Late != 0 || f.Sent.Status != history.StatusSent {
		t.Errorf("a send on time: %+v", f)
	}
	if _, ok := outcomes[cancelled.ID]; ok {
		t.Error("a cancelled send was looked at by the run")
	}
	if _, ok := outcomes[later.ID]; ok {
		t.Error("a send not due yet was fired")
	}
	if posts(srv) != 2 {
		t.Fatalf("the simulator received %d sends, want 2", posts(srv))
	}

	// The sent one is a normal sent message, found by its scheduled id too.
	m, err := o.Store.Get(onTime.ID)
	if err != nil || m.Status != history.StatusSent || history.IsLocalID(m.ID) || headText(m.Live().Content) != "maintenance at 08:00" {
		t.Fatalf("the fired send's record = %+v, %v", m, err)
	}
	// Left: the one too late (still scheduled, for the admin) and the later one.
	waiting, _ := o.Store.ScheduledSends(false)
	if len(waiting) != 2 || waiting[0].ID != dayLate.ID || waiting[1].ID != later.ID {
		t.Fatalf("waiting after the run = %+v", waiting)
	}
	all, _ := o.Store.ScheduledSends(true)
	if len(all) != 3 {
		t.Fatalf("with the cancelled one, %d scheduled records; want 3", len(all))
	}
	// The admin sends the late one anyway.
	f, err := o.FireScheduled(context.Background(), dayLate.ID)
	if err != nil || f.Outcome != FiredSent {
		t.Fatalf("send anyway = %+v, %v", f, err)
	}
	if _, err := o.Store.CancelScheduled(dayLate.ID, clk.now()); !errors.As(err, new(*history.NotScheduledError)) {
		t.Fatalf("cancelling a fired send = %v; want NotScheduledError", err)
	}
}

func TestScheduledSendRejectedByZoomWaitsInOutbox(t *testing.T) {
	o, srv := setup(t)
	clk := newClock(scheduleStart)
	o.Now = clk.now
	// A well-formed channel JID the simulator does not know: Zoom refuses it (4xx). An
	// ordinary send leaves no record then; a scheduled one keeps its card in the outbox.
	sc, err := o.Schedule(Envelope{ToJID: "00000000000000000000000000000000@conference.xmpp.zoom.us"}, card("to nowhere"), scheduleStart.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	clk.set(scheduleStart.Add(2 * time.Minute))
	fired, err := o.RunDue(context.Background(), DefaultMaxLate, nil)
	if err != nil || len(fired) != 1 || fired[0].Outcome != FiredFailed || fired[0].Err == nil {
		t.Fatalf("RunDue = %+v, %v", fired, err)
	}
	if posts(srv) != 1 {
		t.Fatalf("%d sends, want 1", posts(srv))
	}
	box := outbox(t, o)
	if len(box) != 1 || box[0].ID != sc.ID || box[0].State != history.OpFailed {
		t.Fatalf("outbox = %+v", box)
	}
}

// Two runners sharing one Store (two goroutines of one process, the app and its
// runner later): each fires the same due send; only one request reaches Zoom.
func TestScheduledSendRaceSendsOnce(t *testing.T) {
	o, srv := setup(t)
	clk := newClock(scheduleStart)
	o.Now = clk.now
	sc := scheduled(t, o, "once only", scheduleStart.Add(time.Minute))
	clk.set(scheduleStart.Add(time.Minute))
	const runners = 8
	var wg sync.WaitGroup
	results := make([][]Fired, runners)
	for i := range runners {
		wg.Go(func() {
			other := &Ops{Client: o.Client, Store: o.Store, Profile: o.Profile, Now: clk.now}
			results[i], _ = other.RunDue(context.Background(), DefaultMaxLate, nil)
		})
	}
	wg.Wait()
	sent, taken := 0, 0
	for _, r := range results {
		for _, f := range r {
			switch f.Outcome {
			case FiredSent:
				sent++
			case FiredTaken:
				taken++
			default:
				t.Errorf("outcome %s: %v", f.Outcome, f.Err)
			}
		}
	}
	if sent != 1 || posts(srv) != 1 {
		t.Fatalf("%d runners said sent and Zoom got %d sends; want 1 and 1 (taken: %d)", sent, posts(srv), taken)
	}
	if m, err := o.Store.Get(sc.ID); err != nil || m.Status != history.StatusSent {
		t.Fatalf("record = %+v, %v", m, err)
	}
}

func TestScheduledSendOfAnotherProfileIsLeft(t *testing.T) {
	o, srv := setup(t)
	clk := newClock(scheduleStart)
	o.Now = clk.now
	sc := scheduled(t, o, "prod notice", scheduleStart.Add(time.Minute))
	clk.set(scheduleStart.Add(2 * time.Minute))
	other := &Ops{Client: o.Client, Store: o.Store, Profile: "another", Now: clk.now}
	fired, err := other.RunDue(context.Background(), DefaultMaxLate, nil)
	if err != nil || len(fired) != 1 || fired[0].Outcome != FiredOther || posts(srv) != 0 {
		t.Fatalf("RunDue of another profile = %+v, %v, %d sends", fired, err, posts(srv))
	}
	if _, err := o.Store.GetScheduled(sc.ID); err != nil {
		t.Fatal(err)
	}
}
