"""Qt-free core: models, job store, image preparation, masks, the IACrea API client."""
