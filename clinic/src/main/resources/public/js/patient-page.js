loadPatient().then(initRecords).then(initDevices).then(initDiscrepancies);
initPump();
