"""Commands that report progress: report, summary."""
