// Benchmarks are added here; see Benchmarks/README.md.
print("no benchmarks yet")
