"""Domain services: schedule questions, communes, dates; pure, no I/O."""
