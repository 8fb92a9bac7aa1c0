loadDashboard().then(loadCosigns);
