package ui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/zoom"
)

// listenEvents receives the bot's events over Zoom's WebSocket until ctx ends or stop is
// called: each event is kept in the history first, then sent to the program
// (common.EventMsg), and every change of the connection too (common.EventConnMsg). A
// refusal is shown as the connection's state: the app keeps running without events.
func listenEvents(ctx context.Context, client *zoom.Client, store *history.Store, cfg zoom.EventsConfig, send func(tea.Msg)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	cfg.OnState = func(s zoom.ConnState) { send(common.EventConnMsg{State: s}) }
	go func() {
		defer wg.Done()
		err := client.ListenEvents(ctx, cfg, func(e zoom.Event) {
			kept, err := store.PutEvent(ops.KeptEvent(e))
			if err != nil {
				send(common.StatusMsg{Kind: common.StatusError, Text: "An event could not be kept in the history: " + err.Error()})
				kept = true // shown all the same
			}
			send(common.EventMsg{Event: e, Kept: kept})
		})
		if err != nil && ctx.Err() == nil {
			send(common.EventConnMsg{State: zoom.ConnState{Phase: zoom.PhaseRefused, Reason: err.Error()}})
		}
	}()
	return func() { cancel(); wg.Wait() }
}
