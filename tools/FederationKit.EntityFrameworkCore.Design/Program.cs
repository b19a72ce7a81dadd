// Only a host for dotnet ef; running it does nothing.
return 0;
