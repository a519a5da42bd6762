package widget

// DueLayout is how the app shows the due time of a scheduled send.
const DueLayout = "Mon 2006-01-02 15:04 MST"
