"""Chat front ends. Each platform turns requests into service calls and renders results."""
