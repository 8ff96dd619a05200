"""The offline engine: classical image processing for Interior sky and Declutter."""
