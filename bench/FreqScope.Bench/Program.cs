using FreqScope.Bench;

return BenchApp.Run(args);
