// Command zoompose composes, previews, sends and manages Zoom Team Chat chatbot messages.
package main

func main() {}
