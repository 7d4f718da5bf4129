// The figure layout and its Cairo backend live here.
