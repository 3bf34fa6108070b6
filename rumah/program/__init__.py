"""Many households at once, for a program office: batch planning and synthetic households."""
