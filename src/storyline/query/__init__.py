"""Reading the store: timeline selection and ranking, exporters."""
