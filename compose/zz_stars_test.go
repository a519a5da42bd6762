package compose
import ("strings";"testing")
func BenchmarkStarsTmp(b *testing.B) {
	data := []byte(strings.Repeat("*a ", MaxInputBytes/3-10))
	for b.Loop() { BuildFile("stars.md", data) }
}
