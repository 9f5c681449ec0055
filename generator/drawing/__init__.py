"""Pictures drawn from the data (the measures' charts), for the site and for print."""
