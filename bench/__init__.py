"""`make bench`: timings of the build, the pages and the scoring, each as a ratio to a baseline run alongside."""
