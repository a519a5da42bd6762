package ops

import (
	"context"
	"errors"
	"strings"
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

// scheduledBroadcast is a broadcast to the simulator's three channels,
// scheduled an hour after scheduleStart.
type scheduledBroadcast struct {
	envs  []Envelope
	due   time.Time
	group string
	scs   []history.Scheduled
}

// scheduleThreeChannels gives Ops on a clock at scheduleStart with a
// scheduledBroadcast recorded, nothing sent.
func scheduleThreeChannels(t *testing.T) (*Ops, *zoomtest.Server, *clock, scheduledBroadcast) {
	t.Helper()
	o, srv := setup(t)
	clk := newClock(scheduleStart)
	o.Now = clk.now
	sb := scheduledBroadcast{
		envs: []Envelope{{ToJID: zoomtest.ChannelGeneral}, {ToJID: zoomtest.ChannelRandom}, {ToJID: zoomtest.ChannelAnnouncements}},
		due:  scheduleStart.Add(time.Hour),
	}
	var err error
	if sb.group, sb.scs, err = o.ScheduleBroadcast(sb.envs, card("maintenance at 08:00"), sb.due); err != nil {
		t.Fatal(err)
	}
	return o, srv, clk, sb
}

// A broadcast scheduled for later records a scheduled send per copy, all of
// one group, and sends nothing; when due, each copy goes out on its own and
// joins the group, so the group's edit reaches every copy that went out. A
// copy cancelled before it fell due never does.
func TestScheduledBroadcastFiresAsAGroup(t *testing.T) {
	o, srv, clk, sb := scheduleThreeChannels(t)
	envs, due, group, scs := sb.envs, sb.due, sb.group, sb.scs
	if !history.IsGroupID(group) || len(scs) != 3 || posts(srv) != 0 {
		t.Fatalf("ScheduleBroadcast = %q, %d scheduled, %d posts; want a group of 3 and nothing sent", group, len(scs), posts(srv))
	}
	for i, sc := range scs {
		if sc.Message.Group != group || sc.Message.ToJID != envs[i].ToJID || sc.Due != due {
			t.Errorf("copy %d = group %q to %s due %v", i, sc.Message.Group, sc.Message.ToJID, sc.Due)
		}
	}
	if copies, err := o.Store.Group(group); err != nil || len(copies) != 0 {
		t.Fatalf("before it is due the group lists %d copies (%v); want none sent", len(copies), err)
	}
	if _, err := o.Store.CancelScheduled(scs[2].ID, clk.now()); err != nil {
		t.Fatal(err)
	}

	clk.set(due.Add(time.Minute))
	fired, err := o.RunDue(context.Background(), DefaultMaxLate, nil)
	if err != nil || len(fired) != 2 || posts(srv) != 2 {
		t.Fatalf("RunDue = %d fired (%v), %d posts; want the two waiting copies sent", len(fired), err, posts(srv))
	}
	copies, err := o.Store.Group(group)
	if err != nil || len(copies) != 2 || copies[0].ToJID != zoomtest.ChannelGeneral || copies[1].ToJID != zoomtest.ChannelRandom {
		t.Fatalf("after firing the group holds %+v (%v); want the general and random copies", copies, err)
	}
	res, err := o.EditGroup(context.Background(), group, card("maintenance moved to 09:00"), nil)
	if err != nil || res.Failed() != 0 {
		t.Fatalf("EditGroup = %+v, %v", res, err)
	}
	for _, c := range copies {
		if sim, ok := srv.Message(c.ID); !ok || len(sim.Contents) != 2 {
			t.Errorf("copy %s on Zoom has %d revisions, want the edit", c.ID, len(sim.Contents))
		}
	}

	if _, _, err := o.ScheduleBroadcast(envs, card("past"), clk.now().Add(-time.Minute)); err == nil {
		t.Error("a broadcast due in the past was scheduled")
	}
	if _, _, err := o.ScheduleBroadcast([]Envelope{{ToJID: zoomtest.ChannelGeneral}, {ToJID: "not-a-jid"}}, card("x"), due.Add(time.Hour)); err == nil {
		t.Error("a broadcast with a bad JID was scheduled")
	}
}

// A group edit or delete of a scheduled broadcast none of whose copies went
// out refuses before the network (it used to report "0 of 0" while the
// copies went out later with the old card); once some copies went out, it
// acts on those and reports the ones still waiting. A scheduled copy's own id
// is refused as a scheduled send, not as a message without Zoom's id.
func TestGroupChangeOfAScheduledBroadcast(t *testing.T) {
	o, srv, clk, sb := scheduleThreeChannels(t)
	envs, due, group, scs := sb.envs, sb.due, sb.group, sb.scs
	ctx := context.Background()
	var unsent *UnsentGroupError
	if _, err := o.EditGroup(ctx, group, card("maintenance at 09:00"), nil); !errors.As(err, &unsent) || unsent.Waiting != 3 || !unsent.Due.Equal(due) {
		t.Fatalf("EditGroup of a group all scheduled = %v; want an *UnsentGroupError with 3 waiting", err)
	}
	if _, err := o.DeleteGroup(ctx, group, nil); !errors.As(err, &unsent) || !strings.Contains(err.Error(), "3 copies scheduled for") {
		t.Fatalf("DeleteGroup of a group all scheduled = %v", err)
	}
	var notSent *history.UnsentScheduledError
	if _, err := o.Edit(ctx, scs[0].ID, card("x")); !errors.As(err, &notSent) || notSent.State != history.ScheduleWaiting {
		t.Fatalf("Edit of a scheduled copy = %v; want an *history.UnsentScheduledError", err)
	}
	if _, err := o.Delete(ctx, scs[0].ID); !errors.As(err, &notSent) || strings.Contains(err.Error(), "without the message id") {
		t.Fatalf("Delete of a scheduled copy = %v", err)
	}
	if allAPICalls(srv) != 0 {
		t.Fatalf("%d calls reached Zoom; the refusals come before the network", allAPICalls(srv))
	}
	if _, err := o.Store.Get(scs[0].ID); err == nil {
		t.Fatal("the refused change left a message record for the scheduled copy")
	}

	// One copy goes out now; the other two still wait.
	clk.set(scheduleStart.Add(10 * time.Minute))
	if _, err := o.FireScheduled(ctx, scs[1].ID); err != nil {
		t.Fatal(err)
	}
	res, err := o.DeleteGroup(ctx, group, nil)
	if err != nil || len(res.Copies) != 1 || !res.Copies[0].OK() || len(res.Waiting) != 2 || res.Waiting[0].ID != scs[0].ID {
		t.Fatalf("DeleteGroup with one copy sent = %+v, %v; want it deleted and 2 reported waiting", res, err)
	}
	if waiting, _ := o.Store.ScheduledSends(false); len(waiting) != 2 {
		t.Fatalf("%d still scheduled; the group delete must leave the waiting copies alone", len(waiting))
	}

	// All cancelled before any went out: refused too, saying so.
	other, scs2, err := o.ScheduleBroadcast(envs[:2], card("x"), due)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scs2 {
		if _, err := o.Store.CancelScheduled(sc.ID, clk.now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := o.DeleteGroup(ctx, other, nil); !errors.As(err, &unsent) || unsent.Cancelled != 2 || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("DeleteGroup of a cancelled broadcast = %v", err)
	}
}
