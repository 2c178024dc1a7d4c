using FreqScope.Cli;

return CliApp.Run(args);
