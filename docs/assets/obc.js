// Placeholder: replaced by the browser glue.
