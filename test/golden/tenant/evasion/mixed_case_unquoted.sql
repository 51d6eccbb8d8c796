sElEcT * fRoM OrDeRs
