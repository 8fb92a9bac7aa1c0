loadDashboard().then(loadCosigns);
initPatientSearch();
