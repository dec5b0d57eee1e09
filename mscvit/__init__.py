"""MSCViT, a multi-scale small ViT trained from scratch to detect pneumonia in pediatric chest X-rays."""
__version__ = "0.1.0"
