Console.Error.WriteLine("FreqScope.Bench: benchmarks are being written; nothing runs yet."); return 2;
