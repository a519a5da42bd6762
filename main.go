// Command zoompose composes, previews, sends and manages Zoom Team Chat chatbot messages.
package main

import (
	"os"

	"github.com/zoompose/zoompose/ui/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.SystemStreams()))
}
